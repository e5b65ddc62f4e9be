export { FileStorage } from './file-storage';
export { nodeFileOps, type FileOps } from './file-ops';
export { defaultIndexDir, vaultKey, type CacheEnvironment } from './default-index-dir';
export { openVaultIndex, type VaultIndex, type VaultIndexOptions } from './open-vault-index';
export { FsNoteSource } from './fs-note-source';
