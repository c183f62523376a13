/**
 * Fills `${Name}` placeholders in an ASL document the way CloudFormation's
 * DefinitionSubstitutions does, refusing a placeholder that has no value.
 */
export function applySubstitutions(asl: string, values: Readonly<Record<string, string>>): string {
  return asl.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new Error(`The workflow definition uses \${${name}} but no value is provided for it.`);
    }
    return value;
  });
}
