export { startLabelSandbox, type LabelSandbox, type LabelSandboxOptions } from './server.js';
export { LabelState, SERVICES } from './label-state.js';
export { LABEL_PNG } from './label-file.js';
