/** "Language model for answers": an optional OpenAI-compatible server that writes answers from cited passages. */
import { showValue } from '../compat';
import { errorMessage } from '../../core/embedding/embedder-result';
import type { Generator } from '../../core/ports';
import { secretControl } from './model-section';
import type { SettingSection, SettingsTabDeps } from './definitions';

const TEST_TIMEOUT_MS = 30_000;

export function llmSection(deps: SettingsTabDeps): SettingSection {
  return {
    heading: 'Language model for answers',
    rows: [
      {
        name: 'Server URL',
        desc: 'An OpenAI-compatible chat server (Ollama, LM Studio, llama.cpp, or a hosted API). Leave empty for answers quoted from your notes without a language model.',
        aliases: ['llm', 'ollama', 'openai', 'chat'],
        render: (setting) => {
          setting.addText((text) =>
            text
              .setPlaceholder('http://localhost:11434/v1')
              .setValue(deps.settings().llmUrl)
              .onChange((value) => void deps.updateSettings({ llmUrl: value.trim() })),
          );
        },
      },
      {
        name: 'Model name',
        desc: 'As the server names it.',
        render: (setting) => {
          setting.addText((text) =>
            text
              .setPlaceholder('llama3.2')
              .setValue(deps.settings().llmModel)
              .onChange((value) => void deps.updateSettings({ llmModel: value.trim() })),
          );
        },
      },
      {
        name: 'API key',
        desc: 'Kept in Obsidian’s keychain, never in the plugin’s data file. Not needed for local servers.',
        aliases: ['secret', 'token'],
        render: (setting) => {
          secretControl(setting, deps, deps.settings().llmKeySecret, (name) => deps.updateSettings({ llmKeySecret: name }));
        },
      },
      {
        name: 'Passages per answer',
        desc: 'How many passages from your notes an answer is built from.',
        render: (setting) => {
          setting.addSlider((slider) =>
            slider
              .setLimits(1, 20, 1)
              .then(showValue)
              .setValue(deps.settings().askSourceCount)
              .onChange((value) => void deps.updateSettings({ askSourceCount: value })),
          );
        },
      },
      {
        name: 'Test connection',
        desc: 'Sends one short message to the server.',
        render: (setting) => {
          setting.addButton((button) =>
            button.setButtonText('Test').onClick(async () => {
              button.setDisabled(true);
              setting.setDesc('Waiting for the server…');
              try {
                setting.setDesc(await testConnection(deps.engine.generator()));
              } finally {
                button.setDisabled(false);
              }
            }),
          );
        },
      },
    ],
  };
}

/** One tiny request; the answer or the error, in a sentence. */
export async function testConnection(generator: Generator | null): Promise<string> {
  if (!generator) return 'Set a server URL and a model name first.';
  const controller = new AbortController();
  const timer = window.setTimeout(() => controller.abort(), TEST_TIMEOUT_MS);
  try {
    const answer = await generator.generate([{ role: 'user', content: 'Reply with the single word OK.' }], { signal: controller.signal });
    return `Connected to ${generator.name}. It answered: “${answer.trim().slice(0, 80)}”.`;
  } catch (error) {
    if (controller.signal.aborted) return `No answer from ${generator.name} within ${TEST_TIMEOUT_MS / 1000} s.`;
    return errorMessage(error);
  } finally {
    window.clearTimeout(timer);
  }
}
