import { batteryFor } from './battery';
import { PHRASINGS } from './phrasings';

batteryFor('requests phrased as a new user would type them', () => PHRASINGS);
