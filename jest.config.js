/** One jest run for unit, integration and end-to-end tests (`*.spec.ts` anywhere). */
module.exports = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '.*\\.spec\\.ts$',
  // Type checking is `npm run build`'s job; tests only transpile, which keeps them fast.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }] },
  setupFiles: ['reflect-metadata'],
  testEnvironment: 'node',
  moduleNameMapper: {
    '^@app/audit(|/.*)$': '<rootDir>/libs/audit/src$1',
    '^@app/coordination(|/.*)$': '<rootDir>/libs/coordination/src$1',
    '^@app/event-store(|/.*)$': '<rootDir>/libs/event-store/src$1',
    '^@app/shared(|/.*)$': '<rootDir>/libs/shared/src$1',
    '^@app/procurement(|/.*)$': '<rootDir>/libs/procurement/src$1',
    '^@app/projections(|/.*)$': '<rootDir>/libs/projections/src$1',
    '^@app/notifications(|/.*)$': '<rootDir>/libs/notifications/src$1',
  },
  testTimeout: 30000,
};
