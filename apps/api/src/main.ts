// `npm start`. graphql-js runs extra development-time checks on every field unless NODE_ENV is
// `production`, and reads the setting when it is first imported; so it is set here, before the
// service's modules (and graphql with them) load. An explicit NODE_ENV is left as it is.
process.env['NODE_ENV'] ??= 'production';
const { serve } = await import('./serve.ts');
await serve();
