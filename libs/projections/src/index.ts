export * from './projection';
export * from './projector';
export * from './projections.module';
export * from './read-models';
export * from './read-models.service';
export * from './sqlite/read-model-database';
