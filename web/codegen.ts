import type { CodegenConfig } from "@graphql-codegen/cli";

// Typed operations from the committed SDL; `npm run codegen` rewrites src/gql/ and the test
// command fails when the committed files differ from a fresh run.
const config: CodegenConfig = {
  schema: "../graphql-schema/schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: "string", NaiveDate: "string", JSON: "unknown", Upload: "File" },
      },
    },
  },
};

export default config;
