/**
 * When hovering a link shows a concept card instead of leaving it to Obsidian's page preview.
 * The two never answer the same gesture: in `replace` mode the card takes the plain hover and
 * Mod-hover still opens page preview; in `mod-hover` mode the card takes Mod-hover and the
 * plain hover stays page preview's (in Reading view; in the editor page preview needs Mod).
 */
import type { HoverCardMode } from '../../settings';

export function cardWanted(mode: HoverCardMode, modHeld: boolean): boolean {
  if (mode === 'off') return false;
  return mode === 'replace' ? !modHeld : modHeld;
}
