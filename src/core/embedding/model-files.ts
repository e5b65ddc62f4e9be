/**
 * Which files a transformers.js feature-extraction model needs, in the Hugging Face layout
 * (the same list transformers.js 4.3 requests: config, tokenizer config, tokenizer, one ONNX
 * file per dtype, plus external-data chunks when config.json declares them).
 */
import type { ModelDtype } from './models';

/** Small JSON files, needed before anything else; config.json decides about external data. */
export const MODEL_CONFIG_FILES = ['config.json', 'tokenizer_config.json', 'tokenizer.json'] as const;

export function onnxFileName(dtype: ModelDtype): string {
  return dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
}

/**
 * Large models keep their weights in `<file>.onnx_data`, `<file>.onnx_data_1`, … as
 * `transformers.js_config.use_external_data_format` in config.json says (true, a chunk count,
 * or a map from file name to either).
 */
export function externalDataFiles(config: unknown, dtype: ModelDtype): string[] {
  const onnxFile = onnxFileName(dtype);
  const fullName = onnxFile.slice('onnx/'.length);
  const baseName = fullName.replace(/(_quantized)?\.onnx$/, '');
  const custom = isRecord(config) ? config['transformers.js_config'] : undefined;
  const setting = isRecord(custom) ? custom.use_external_data_format : undefined;
  let chunks = 0;
  if (isRecord(setting)) {
    const value = setting[fullName] ?? setting[baseName];
    chunks = toChunkCount(value);
  } else {
    chunks = toChunkCount(setting);
  }
  const names: string[] = [];
  for (let i = 0; i < chunks; i++) names.push(`${onnxFile}_data${i === 0 ? '' : `_${i}`}`);
  return names;
}

/** Every file the model needs for `dtype`; pass the parsed config.json when it is known. */
export function requiredModelFiles(dtype: ModelDtype, config?: unknown): string[] {
  return [...MODEL_CONFIG_FILES, onnxFileName(dtype), ...externalDataFiles(config, dtype)];
}

function toChunkCount(value: unknown): number {
  if (value === true) return 1;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 100) return value;
  return 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
