/**
 * The title Obsidian shows for a note: its file name without folders and without the
 * `.md` extension (other extensions are part of the name: `image.png` stays `image.png`).
 */
export function noteTitleFromPath(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return /\.md$/i.test(name) ? name.slice(0, -3) : name;
}
