// First, before restify is loaded (see the module for why).
import './server/knownWarnings';
import { reportStartFailure, runBot } from './server/runBot';

runBot().catch(reportStartFailure);
