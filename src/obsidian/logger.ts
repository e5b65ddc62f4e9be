/** The plugin's console logger: warnings and errors only, prefixed so users can filter them. */
import type { Logger } from '../core/ports';

export const consoleLogger: Logger = {
  debug: (message, ...details) => console.debug(`Ask My Notes: ${message}`, ...details),
  warn: (message, ...details) => console.warn(`Ask My Notes: ${message}`, ...details),
  error: (message, ...details) => console.error(`Ask My Notes: ${message}`, ...details),
};
