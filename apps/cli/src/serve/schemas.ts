/** The JSON schemas of the API's requests and responses (validation, and the OpenAPI document). */

const error = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        field: { type: 'string', description: 'The request field that failed validation.' },
        examples: { type: 'array', items: { type: 'string' }, description: 'Valid ids, for an unknown one.' },
      },
    },
  },
} as const;

const parts = {
  type: 'object',
  additionalProperties: { type: 'number' },
  description: "The score's exact split by modality (Multi-KG4Rec).",
} as const;

export const HEALTH = {
  summary: 'The served model and its catalogue.',
  response: {
    200: {
      type: 'object',
      properties: {
        status: { type: 'string' },
        model: { type: 'string' },
        users: { type: 'integer' },
        items: { type: 'integer' },
        newItems: { type: 'integer' },
      },
    },
  },
} as const;

export const RECOMMENDATIONS = {
  summary: "A user's top-k items (items added with POST /items compete too).",
  params: { type: 'object', properties: { user: { type: 'string' } }, required: ['user'] },
  querystring: {
    type: 'object',
    properties: {
      k: { type: 'integer', minimum: 1, maximum: 100000, default: 20 },
      exclude: { type: 'string', enum: ['seen', 'none'], default: 'seen', description: "seen: leave out the user's training items." },
    },
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        user: { type: 'string' },
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              rank: { type: 'integer' },
              item: { type: 'string' },
              title: { type: 'string' },
              score: { type: 'number' },
              parts,
              isNew: { type: 'boolean' },
            },
          },
        },
      },
    },
    404: error,
  },
} as const;

export const EXPLANATION = {
  summary: 'Why the model scores (user, item) as it does.',
  params: { type: 'object', properties: { user: { type: 'string' }, item: { type: 'string' } }, required: ['user', 'item'] },
  response: {
    200: {
      type: 'object',
      properties: {
        user: { type: 'string' },
        item: { type: 'string' },
        title: { type: 'string' },
        score: { type: 'number' },
        parts,
        neighbours: {
          type: 'array',
          items: { type: 'object', properties: { relation: { type: 'string' }, node: { type: 'string' }, weight: { type: 'number' } } },
        },
      },
    },
    404: error,
  },
} as const;

const vector = { type: 'array', items: { type: 'number' }, minItems: 1 } as const;

export const NEW_ITEM = {
  summary: 'Add an item from its content (a text, an image file on the server, or precomputed features); it is recommended from then on.',
  body: {
    type: 'object',
    properties: {
      id: { type: 'string', minLength: 1 },
      title: { type: 'string' },
      text: { type: 'string', minLength: 1 },
      poster: { type: 'string', minLength: 1, description: "A path on the server's disk." },
      features: { type: 'object', properties: { visual: vector, text: vector }, additionalProperties: false },
    },
    required: ['id'],
    additionalProperties: false,
  },
  response: {
    201: { type: 'object', properties: { item: { type: 'string' }, newItems: { type: 'integer' } } },
    400: error,
    409: error,
    413: error,
  },
} as const;
