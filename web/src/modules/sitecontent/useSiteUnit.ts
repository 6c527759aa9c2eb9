import { useArticleUnit } from '../newsroom/useArticleUnit';

/** The unit whose site content the user manages (the highest where they hold sites.write; remembered in this tab). */
export function useSiteUnit() {
  return useArticleUnit('sites.write');
}
