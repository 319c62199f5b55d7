// eslint-plugin-security ships no types; this is the part of its surface the reviewer uses.
declare module 'eslint-plugin-security' {
  const plugin: { rules: Record<string, unknown>; configs: Record<string, unknown> };
  export default plugin;
}
