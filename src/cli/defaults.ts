import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from the built CLI's location (dist/cli.js). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Commands run on the bundled example vault unless --vault says otherwise. */
export const defaultVault = path.join(repoRoot, 'examples', 'vault');
