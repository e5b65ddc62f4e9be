export { parseNote, type ParseOptions } from './parse-note';
export { createLineIndex, LineIndex } from './lines';
export { linkpathOf, parseLinktext, defaultDisplayText } from './links';
export { noteTitleFromPath } from './paths';
export { stripMarkdown } from './strip-markdown';
export { isValidTagBody, frontmatterTags } from './tags';
export { parseCalloutHead, type CalloutHead } from './callouts';
export { DEFAULT_MAX_BYTES } from './input-guard';
export type * from './types';
