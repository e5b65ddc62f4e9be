// `amn:core-markdown` is the project's parser (src/core/markdown) when it exists, else an empty module; see server.ts.
declare module 'amn:core-markdown' {
  export const parseNote: unknown;
}
