// The plans module's public door. Import (parsing documents) lives in ./import.
export * from './deadlines';
export * from './plans.service';
