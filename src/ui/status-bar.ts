/**
 * The status bar item: "Indexing 120 / 450 notes", "Downloading model 34% (40 / 118 MB)", then
 * "Notes indexed" or "Keyword search only" at rest. The tooltip says more; a click opens the
 * index status window.
 */
import type { Plugin } from 'obsidian';
import type { IndexControl, PluginEngineSnapshot } from '../obsidian/plugin-engine';
import { modelStateText, statusBarText } from './status-text';

export function registerStatusBar(plugin: Plugin, engine: Pick<IndexControl, 'snapshot' | 'onChange'>, openStatus: () => void): HTMLElement {
  const item = plugin.addStatusBarItem();
  item.addClass('amn-status-bar', 'mod-clickable');
  item.setAttr('data-tooltip-position', 'top');
  const render = (snapshot: PluginEngineSnapshot): void => {
    const text = statusBarText(snapshot);
    if (item.getText() !== text) item.setText(text);
    item.toggleClass('amn-is-busy', snapshot.indexing !== null || snapshot.model.kind === 'downloading');
    item.setAttr('aria-label', tooltip(snapshot));
  };
  render(engine.snapshot());
  plugin.register(engine.onChange(render));
  plugin.registerDomEvent(item, 'click', openStatus);
  return item;
}

function tooltip(snapshot: PluginEngineSnapshot): string {
  if (snapshot.error !== undefined) return snapshot.error;
  const lines = [modelStateText(snapshot.model)];
  if (snapshot.storage === 'memory') lines.push('The index is kept in memory for this session only.');
  lines.push('Click for the index status.');
  return lines.join('\n');
}
