import { promises as fs } from 'node:fs';
import { CliError } from './cli-error';

/** Reads a note for the CLI, turning file-system errors into messages that name the file. */
export async function readNoteFile(file: string): Promise<string> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw new CliError(`${file}: is a folder, expected a .md file.`);
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${file}: no such file.`);
    if (code === 'EACCES') throw new CliError(`${file}: permission denied.`);
    throw new CliError(`${file}: cannot read (${(err as Error).message}).`);
  }
}

export async function isDirectory(target: string): Promise<boolean> {
  try {
    return (await fs.stat(target)).isDirectory();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`${target}: no such file or folder.`);
    throw new CliError(`${target}: cannot read (${(err as Error).message}).`);
  }
}
