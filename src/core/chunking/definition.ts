/**
 * Which callouts state what a concept *is*. Concept notes put their definition in an
 * info/abstract/summary callout or one titled "Definição"/"Definition", and a
 * definition chunk is what hover cards and "o que é X?" answers lead with.
 */
const DEFINITION_TYPES = new Set(['definition', 'info', 'abstract', 'summary', 'tldr']);
const DEFINITION_TITLE = /^(defini[cç][aã]o|defini[cç][oõ]es|definition|definitions|definici[oó]n|d[eé]finition)\b/;

export function isDefinitionCallout(type: string, title: string): boolean {
  if (DEFINITION_TYPES.has(type.toLowerCase())) return true;
  return DEFINITION_TITLE.test(title.trim().toLowerCase());
}
