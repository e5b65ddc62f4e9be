/** "Privacy": exactly what leaves the device with the current settings, updated as they change. */
import { privacySummary } from './privacy';
import { live, type SettingSection, type SettingsTabDeps } from './definitions';

export function privacySection(deps: SettingsTabDeps): SettingSection {
  return {
    heading: 'Privacy',
    rows: [
      {
        name: 'What leaves this device',
        aliases: ['network', 'internet', 'offline'],
        render: (setting) => {
          setting.setClass('amn-privacy-summary');
          return live(deps, () => {
            setting.setDesc(
              createFragment((fragment) => {
                for (const line of privacySummary(deps.settings())) fragment.createDiv({ text: line, cls: 'amn-privacy-line' });
              }),
            );
          });
        },
      },
    ],
  };
}
