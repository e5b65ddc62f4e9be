/** "Related notes" and "Hover cards": how the views built on the index behave. */
import { showValue } from '../compat';
import type { HoverCardMode } from '../../settings';
import type { SettingSection, SettingsTabDeps } from './definitions';

export function relatedSection(deps: SettingsTabDeps): SettingSection {
  return {
    heading: 'Related notes',
    rows: [
      {
        name: 'Number of notes',
        desc: 'How many related notes the side panel lists.',
        render: (setting) => {
          setting.addSlider((slider) =>
            slider
              .setLimits(1, 50, 1)
              .then(showValue)
              .setValue(deps.settings().relatedCount)
              .onChange((value) => void deps.updateSettings({ relatedCount: value })),
          );
        },
      },
      {
        name: 'Show notes already linked',
        desc: 'Include notes the open note already links to or is linked from.',
        aliases: ['backlinks'],
        render: (setting) => {
          setting.addToggle((toggle) => toggle.setValue(deps.settings().showLinkedNotes).onChange((value) => void deps.updateSettings({ showLinkedNotes: value })));
        },
      },
    ],
  };
}

export function hoverSection(deps: SettingsTabDeps): SettingSection {
  return {
    heading: 'Hover cards',
    rows: [
      {
        name: 'Concept cards on link hover',
        desc: 'A card with the linked note’s definition, instead of the page preview, only while holding Ctrl (Cmd on macOS), or never.',
        aliases: ['page preview', 'popover'],
        render: (setting) => {
          setting.addDropdown((dropdown) =>
            dropdown
              .addOptions({ replace: 'Instead of page preview', 'mod-hover': 'Only with Ctrl or Cmd', off: 'Off' })
              .setValue(deps.settings().hoverCardMode)
              .onChange((value) => void deps.updateSettings({ hoverCardMode: value as HoverCardMode })),
          );
        },
      },
    ],
  };
}
