export * from './decision-history';
export * from './command-reconstruction';
export * from './verification';
export * from './event-index';
export * from './decision-log';
export * from './lot-series';
