export { generateDemoLog, DEMO_LOG_HEADER } from './generate-demo-log';
export { demoLogBytes } from './demo-log-bytes';
export {
  DEFAULT_DEMO_LOG_OPTIONS,
  DEFAULT_DEMO_REALISM,
  resolveDemoLogOptions,
  type DemoLogInput,
  type DemoLogOptions,
  type DemoRealism,
} from './demo-log-options';
export { DEMO_CATALOGUE, DEMO_CATEGORIES, type DemoCategory, type DemoProduct } from './demo-catalogue';
export { DEMO_EXPORT_COUNTRIES, DEMO_HOME_COUNTRY, type DemoCountry } from './demo-countries';
export { DEMO_CURRENCY } from './demo-shop';
