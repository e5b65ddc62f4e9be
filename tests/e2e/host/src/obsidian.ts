/** What `require('obsidian')` returns inside the host page. */
export { Component, Events } from './events';
export type { EventRef } from './events';
export { App, Plugin, SecretStorage } from './app';
export { Editor } from './editor';
export { HoverPopover, PopoverState } from './hover';
export { MarkdownRenderChild, MarkdownRenderer } from './render';
export {
  BaseComponent, ButtonComponent, ColorComponent, DropdownComponent, ExtraButtonComponent, PluginSettingTab, ProgressBarComponent,
  SearchComponent, SecretComponent, Setting, SettingGroup, SettingTab, SliderComponent, TextAreaComponent, TextComponent, ToggleComponent,
} from './settings-ui';
export { Menu, MenuItem, Modal, Notice, addIcon, getIcon, getIconIds, removeIcon, setIcon, setTooltip } from './ui';
export {
  Keymap, Platform, debounce, getLinkpath, normalizePath, parseLinktext, prepareFuzzySearch, prepareSimpleSearch, request, requestUrl,
} from './util';
export { EmptyView, FileView, ItemView, MarkdownView, TextFileView, View } from './views';
export { FileManager, TAbstractFile, TFile, TFolder, Vault } from './vault';
export { WorkspaceLeaf, Workspace } from './workspace';
export { parseYaml, stringifyYaml } from './yaml';
export { MetadataCache } from './metadata';

/** The host reports the minimum version the plugin targets, so version-gated code takes the 1.11.4 path. */
export const apiVersion = '1.11.4';

export function requireApiVersion(version: string): boolean {
  const a = apiVersion.split('.').map(Number);
  const b = version.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}
