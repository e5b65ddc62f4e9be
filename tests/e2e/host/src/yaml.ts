/** Obsidian's `parseYaml` / `stringifyYaml`, backed by the `yaml` package the project already uses. */
import YAML from 'yaml';

export function parseYaml(text: string): unknown {
  return YAML.parse(text) as unknown;
}

export function stringifyYaml(value: unknown): string {
  return YAML.stringify(value);
}
