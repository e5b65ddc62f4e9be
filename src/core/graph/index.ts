export { LinkGraph, type LinkSource } from './link-graph';
export { createLinkResolver, linkpathOfTarget, type LinkResolver } from './link-resolver';
