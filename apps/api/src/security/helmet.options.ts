import { HelmetOptions } from 'helmet';

/**
 * Security headers of every answer. The policy allows what the Swagger UI at /docs needs and nothing more:
 * its scripts and stylesheet are served from here, its page has one inline <style>, its icons are data: URIs.
 * No upgrade-insecure-requests: behind plain HTTP (development, a TLS-terminating proxy) it would break /docs.
 */
export const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'self'"],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
    },
  },
};
