import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, migrateSettings, SETTINGS_VERSION } from '../src/settings';

describe('migrateSettings', () => {
  it('gives the defaults for nothing saved yet', () => {
    expect(migrateSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(migrateSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(migrateSettings('garbage')).toEqual(DEFAULT_SETTINGS);
  });

  it('upgrades version 1 data: keeps known values, adds the secret names, drops unknown keys', () => {
    const v1 = { settingsVersion: 1, modelId: 'Xenova/bge-small-en-v1.5', llmUrl: 'http://localhost:11434', relatedCount: 7, apiKey: 'sk-should-not-survive' };
    const migrated = migrateSettings(v1);
    expect(migrated).toMatchObject({ settingsVersion: SETTINGS_VERSION, modelId: 'Xenova/bge-small-en-v1.5', llmUrl: 'http://localhost:11434', relatedCount: 7, llmKeySecret: '', remoteEmbeddingKeySecret: '' });
    expect(migrated).not.toHaveProperty('apiKey');
  });

  it('repairs wrong types, out-of-range numbers, unknown modes and messy exclusion lists', () => {
    const migrated = migrateSettings({
      chunkTokenBudget: 99_999,
      relatedCount: -3,
      workerCount: Number.NaN,
      hoverCardMode: 'sometimes',
      engine: 'cloud',
      showLinkedNotes: 'yes',
      modelId: '   ',
      excludePatterns: ['Templates/', ' Templates/ ', '', 42, 'Daily/**'],
    });
    expect(migrated).toMatchObject({
      chunkTokenBudget: 512,
      relatedCount: 1,
      workerCount: 1,
      hoverCardMode: DEFAULT_SETTINGS.hoverCardMode,
      engine: 'local',
      showLinkedNotes: DEFAULT_SETTINGS.showLinkedNotes,
      modelId: DEFAULT_SETTINGS.modelId,
      excludePatterns: ['Templates/', 'Daily/**'],
    });
  });

  it('always yields valid settings, and migrating twice changes nothing', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Object.keys(DEFAULT_SETTINGS), 'extra'), fc.anything()), (saved) => {
        const once = migrateSettings(saved);
        expect(Object.keys(once).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
        for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof typeof DEFAULT_SETTINGS)[]) {
          expect(Array.isArray(once[key])).toBe(Array.isArray(DEFAULT_SETTINGS[key]));
          if (!Array.isArray(DEFAULT_SETTINGS[key])) expect(typeof once[key]).toBe(typeof DEFAULT_SETTINGS[key]);
        }
        expect(migrateSettings(once)).toEqual(once);
      }),
    );
  });
});
