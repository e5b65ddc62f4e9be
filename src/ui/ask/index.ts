export { registerAskFeature, openAskView, ASK_COMMANDS } from './register-ask-feature';
export { ASK_VIEW_TYPE, AskView } from './ask-view';
export { AskSession, type AskEntry, type AskStatus } from './ask-session';
