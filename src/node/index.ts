export { FileStorage } from './file-storage';
export { nodeFileOps, type FileOps } from './file-ops';
export { defaultIndexDir, vaultKey, type CacheEnvironment } from './default-index-dir';
