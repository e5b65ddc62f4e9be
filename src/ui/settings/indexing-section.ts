/** "Indexing": what is left out, how notes are split, and applying changes that affect the index. */
import { showValue } from '../compat';
import { confirm } from '../confirm-modal';
import { lines, live, type SettingSection, type SettingsTabDeps } from './definitions';

export function pendingChangesRow(deps: SettingsTabDeps): SettingSection {
  return {
    heading: null,
    rows: [
      {
        name: 'Changes to apply',
        render: (setting) => {
          setting.setClass('amn-pending-changes');
          setting.addButton((button) =>
            button
              .setButtonText('Apply now')
              .setCta()
              .onClick(() => void applyChanges(deps)),
          );
          return live(deps, () => {
            const changes = deps.engine.pendingChanges();
            setting.settingEl.toggleClass('amn-hidden', changes.length === 0);
            setting.setDesc(changes.map((c) => c.message).join(' '));
          });
        },
      },
    ],
  };
}

async function applyChanges(deps: SettingsTabDeps): Promise<void> {
  const changes = deps.engine.pendingChanges();
  if (changes.some((c) => c.action === 'rebuild')) {
    const status = await deps.engine.status();
    const ok = await confirm(deps.app, {
      title: 'Rebuild the index?',
      message: `The new embedding model needs a new index: ${status ? `${status.notesIndexed} notes are` : 'every note is'} embedded again. Keyword search keeps working meanwhile.`,
      confirmText: 'Rebuild',
      warning: true,
    });
    if (!ok) return;
  }
  await deps.engine.applySettings();
}

export function indexingSection(deps: SettingsTabDeps): SettingSection {
  return {
    heading: 'Indexing',
    rows: [
      {
        name: 'Excluded folders and patterns',
        desc: 'One per line: a folder (Templates/) or a pattern (**/*.excalidraw.md). Added to the files Obsidian itself excludes (Files and links → Excluded files).',
        aliases: ['exclude', 'ignore', 'glob'],
        render: (setting) => {
          setting.addTextArea((area) => {
            area
              .setPlaceholder('Templates/\nDaily/**')
              .setValue(deps.settings().excludePatterns.join('\n'))
              .onChange((value) => void deps.updateSettings({ excludePatterns: lines(value) }));
            area.inputEl.rows = 4;
            area.inputEl.addClass('amn-patterns');
          });
        },
      },
      {
        name: 'Passage size',
        desc: 'Longest passage in model tokens. Smaller passages point to the exact place; larger ones keep more context together.',
        aliases: ['chunk', 'tokens'],
        render: (setting) => {
          setting.addSlider((slider) =>
            slider
              .setLimits(64, 512, 32)
              .then(showValue)
              .setValue(deps.settings().chunkTokenBudget)
              .onChange((value) => void deps.updateSettings({ chunkTokenBudget: value })),
          );
        },
      },
      {
        name: 'Index status',
        desc: 'Notes indexed, skipped and failed, the model, the size on disk.',
        render: (setting) => {
          setting.addButton((button) => button.setButtonText('Show').onClick(() => deps.openStatus()));
        },
      },
    ],
  };
}
