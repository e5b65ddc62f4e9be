export { StaticNotesEngine, type EngineSnapshot, type ModelState, type NotesEngine, type StaticEngineOptions } from './notes-engine';
