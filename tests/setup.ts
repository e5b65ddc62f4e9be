// Polyfills for what Obsidian adds to the global scope in the app (obsidian-git's tests/setup.ts pattern).
import { installObsidianDomHelpers } from './stubs/dom-helpers';

installObsidianDomHelpers();
