/** The panel's scope control: what each choice means for the note that is open. */
import { folderOf, type AskScope } from '../../core/retrieval/ask-scope';

export type ScopeChoice = 'vault' | 'folder' | 'note';

export const SCOPE_LABELS: Record<ScopeChoice, string> = {
  vault: 'Whole vault',
  folder: 'Current folder',
  note: 'Current note and its links',
};

export type ResolvedChoice = { scope: AskScope; label: string } | { error: string };

/** `activePath`: the note open in the editor, or null. */
export function resolveChoice(choice: ScopeChoice, activePath: string | null): ResolvedChoice {
  if (choice === 'vault') return { scope: { kind: 'vault' }, label: SCOPE_LABELS.vault };
  if (!activePath) return { error: `Open a note first: "${SCOPE_LABELS[choice]}" is about the note that is open.` };
  if (choice === 'folder') {
    const folder = folderOf(activePath);
    return { scope: { kind: 'folder', folder }, label: folder ? `Folder ${folder}` : 'Vault root folder' };
  }
  const name = activePath.replace(/^.*\//, '').replace(/\.md$/i, '');
  return { scope: { kind: 'note', path: activePath }, label: `${name} and its links` };
}
