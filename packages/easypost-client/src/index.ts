export { EasyPostLabels, type EasyPostOptions } from './easypost-labels.js';
