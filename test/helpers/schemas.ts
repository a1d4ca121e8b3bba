import Ajv from 'ajv';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import adaptiveCardSchema from '../fixtures/schemas/adaptive-card-1.5.schema.json';
import manifestSchema from '../fixtures/schemas/teams-manifest-v1.29.schema.json';

/** The published schemas, unchanged (see test/fixtures/schemas/README.md), compiled once. */
function compileAdaptiveCard() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addMetaSchema(draft06);
  // Draft-06 names a schema by `$id`; this file still uses draft-04's `id`, which Ajv 8 refuses.
  const { id, ...schema } = adaptiveCardSchema as Record<string, unknown> & { id: string };
  return ajv.compile({ ...schema, $id: id });
}

function compileManifest() {
  const ajv = new Ajv04({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(manifestSchema);
}

const adaptiveCard = compileAdaptiveCard();
const manifest = compileManifest();

/** The schema errors of an Adaptive Card against version 1.5 (what Teams renders), [] when valid. */
export function adaptiveCardErrors(card: unknown): string[] {
  return adaptiveCard(card) ? [] : (adaptiveCard.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/** The schema errors of a Teams app manifest against v1.29, [] when valid. */
export function manifestErrors(value: unknown): string[] {
  return manifest(value) ? [] : (manifest.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
