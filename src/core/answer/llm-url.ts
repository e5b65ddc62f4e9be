/** Where the chat-completions endpoint is, from the base URL the user typed. */

/**
 * Users paste many forms: `http://localhost:11434` (Ollama), `http://localhost:11434/v1`,
 * `http://localhost:1234/v1` (LM Studio), `http://127.0.0.1:8080` (llama.cpp server),
 * `https://api.openai.com/v1`, `https://openrouter.ai/api/v1`, or the full endpoint itself.
 * A bare host gets `/v1` (all of these servers serve the OpenAI API there); a base with any path
 * is taken as the API root the user meant.
 */
export function chatCompletionsUrl(baseUrl: string): string {
  const trimmed = baseUrl.trim();
  if (!trimmed) throw new Error('No LLM server URL is set. Enter one in the settings, e.g. http://localhost:11434/v1 for Ollama.');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
  } catch {
    throw new Error(`The LLM server URL "${trimmed}" is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`The LLM server URL "${trimmed}" must start with http:// or https://.`);
  }
  let path = url.pathname.replace(/\/+$/, '');
  if (!path.endsWith('/chat/completions')) {
    if (path === '') path = '/v1';
    path += '/chat/completions';
  }
  url.pathname = path;
  url.hash = '';
  return url.toString();
}
