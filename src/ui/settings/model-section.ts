/** "Model" and "Remote embeddings": which embedder runs, where the model comes from. */
import { showValue } from '../compat';
import { SecretComponent, type Setting } from 'obsidian';
import { resolveModelSpec } from '../../core/embedding/models';
import type { EmbeddingEngine } from '../../settings';
import { modelStateText } from '../status-text';
import { live, type SettingSection, type SettingsTabDeps } from './definitions';

export function modelSection(deps: SettingsTabDeps): SettingSection {
  return {
    heading: 'Model',
    rows: [
      {
        name: 'Embedding model',
        desc: 'The model that turns notes into vectors for meaning-based search.',
        aliases: ['download', 'e5', 'multilingual'],
        render: (setting) => {
          setting.addButton((b) => b.setButtonText('Choose…').onClick(() => deps.openModelChooser()));
          let stored: boolean | null = null;
          let checked = '';
          let lastKind = '';
          return live(deps, () => {
            const settings = deps.settings();
            // A download that just finished changes the answer: ask the store again.
            const kind = deps.engine.snapshot().model.kind;
            if (kind !== lastKind) {
              lastKind = kind;
              checked = '';
            }
            if (settings.engine === 'local' && checked !== settings.modelId) {
              checked = settings.modelId;
              stored = null;
              void deps.engine.isModelStored(settings.modelId).then((value) => {
                if (checked !== settings.modelId) return;
                stored = value;
                setting.setDesc(modelDesc(deps, stored));
              });
            }
            setting.setDesc(modelDesc(deps, stored));
          });
        },
      },
      {
        name: 'Run embeddings',
        desc: 'On this device (private, works offline) or on an OpenAI-compatible server such as Ollama.',
        render: (setting) => {
          setting
            .addDropdown((dropdown) =>
              dropdown
                .addOptions({ local: 'On this device', remote: 'On a server' })
                .setValue(deps.settings().engine)
                .onChange((value) => void deps.updateSettings({ engine: value as EmbeddingEngine })),
            );
        },
      },
      {
        name: 'Model download host',
        desc: 'A mirror with the Hugging Face layout. Leave empty for huggingface.co.',
        aliases: ['mirror', 'hugging face'],
        render: (setting) => {
          setting
            .addText((text) =>
              text
                .setPlaceholder('https://huggingface.co')
                .setValue(deps.settings().modelMirrorHost)
                .onChange((value) => void deps.updateSettings({ modelMirrorHost: value.trim() })),
            );
        },
      },
      {
        name: 'Embedding workers',
        desc: 'Background workers that embed notes. More index faster on a machine with spare cores; each holds its own copy of the model in memory.',
        render: (setting) => {
          setting
            .addSlider((slider) =>
              slider
                .setLimits(1, 4, 1)
                .then(showValue)
                .setValue(deps.settings().workerCount)
                .onChange((value) => void deps.updateSettings({ workerCount: value })),
            );
        },
      },
    ],
  };
}

function modelDesc(deps: SettingsTabDeps, stored: boolean | null): string {
  const settings = deps.settings();
  const model = deps.engine.snapshot().model;
  const state = modelStateText(model);
  if (settings.engine === 'remote') return `Embeddings come from the server set below. ${state}`;
  // The sentence already names the chosen model; its state need not name it again.
  const ownState = model.kind === 'ready' && model.modelId === settings.modelId ? `Ready (${model.backend}).` : state;
  const spec = resolveModelSpec(settings.modelId);
  const size = spec.approxDownloadMB ? `, about ${spec.approxDownloadMB} MB` : '';
  const where = stored === null ? '' : stored ? ', downloaded' : ', not downloaded yet';
  return `${spec.label}${size}${where}. ${ownState}`;
}

export function remoteSection(deps: SettingsTabDeps): SettingSection {
  return {
    heading: 'Remote embeddings',
    rows: [
      {
        name: 'Server URL',
        desc: 'An OpenAI-compatible embeddings endpoint, used when embeddings run on a server.',
        aliases: ['ollama', 'openai', 'embeddings'],
        render: (setting) => {
          setting
            .addText((text) =>
              text
                .setPlaceholder('http://localhost:11434/v1')
                .setValue(deps.settings().remoteEmbeddingUrl)
                .onChange((value) => void deps.updateSettings({ remoteEmbeddingUrl: value.trim() })),
            );
        },
      },
      {
        name: 'Embedding model name',
        desc: 'As the server names it.',
        render: (setting) => {
          setting
            .addText((text) =>
              text
                .setPlaceholder('nomic-embed-text')
                .setValue(deps.settings().remoteEmbeddingModel)
                .onChange((value) => void deps.updateSettings({ remoteEmbeddingModel: value.trim() })),
            );
        },
      },
      {
        name: 'Embedding API key',
        desc: 'Kept in Obsidian’s keychain, never in the plugin’s data file. Not needed for local servers.',
        aliases: ['secret', 'token'],
        render: (setting) => {
          secretControl(setting, deps, deps.settings().remoteEmbeddingKeySecret, (name) => deps.updateSettings({ remoteEmbeddingKeySecret: name }));
        },
      },
    ],
  };
}

/** Obsidian's secret picker: the setting stores the secret's name; the key itself stays in SecretStorage. */
export function secretControl(setting: Setting, deps: SettingsTabDeps, value: string, save: (name: string) => Promise<void>): void {
  setting.addComponent((el) => new SecretComponent(deps.app, el).setValue(value).onChange((name) => void save(name)));
}
