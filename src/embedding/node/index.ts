// Public API of the Node-only embedding pieces (CLI, tests): onnxruntime-node, files on disk.
export { createNodeEmbedder, type NodeEmbedderOptions } from './create-node-embedder';
export { NodeFileModelStore, defaultModelCacheDir } from './node-file-model-store';
export { directoryReader } from './directory-reader';
export { TransformersEmbedder, ModelLoadError, type TransformersEmbedderOptions, type TransformersRuntime } from '../transformers-embedder';
