// The unit-sites module's public door: site settings, domains, leaders; public reads for the portal; the 2FA rule.
export * from './sites.public';
export * from './sites.service';
export { sanitizeSiteHtml, plainText } from './site-html';
export { contrastWithWhite } from './colour';
export { requireTwoFactor, requiredTwoFactorRoles } from './two-factor';
