// The unit sites: the kit (site-kit.tsx) and the pages registered through it.
// Page modules register with siteGet()/sitePost() when imported; import them here.
import './site-pages';

export { siteRoutes } from './site-kit';
