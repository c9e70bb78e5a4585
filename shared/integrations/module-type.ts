/** The parts of an assembly-qualified .NET type name, e.g. `MonoSign.IISModule.MSExchange, MonoSign.IISModule`. */
export interface ModuleTypeName {
  typeName: string;
  /** Simple name of the assembly, e.g. `MonoSign.IISModule`. */
  assemblyName: string;
  /** Version, Culture, PublicKeyToken... as written. */
  assemblyProperties: string[];
}

// Splits on commas outside the brackets of generic arguments ("List`1[[T, A]], mscorlib").
function splitTopLevel(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts;
}

/** Parses an assembly-qualified type name; null when the assembly is not named. */
export function parseModuleType(value: string): ModuleTypeName | null {
  const [typeName, assemblyName, ...assemblyProperties] = splitTopLevel(value);
  if (typeName === undefined || typeName === '' || assemblyName === undefined || assemblyName === '')
    return null;
  if (/[\s\\/]/.test(assemblyName)) return null;
  return { typeName, assemblyName, assemblyProperties };
}

/** The DLL IIS loads the module from: the assembly's simple name plus `.dll`. */
export function assemblyFileOfModuleType(value: string): string | null {
  const parsed = parseModuleType(value);
  return parsed === null ? null : `${parsed.assemblyName}.dll`;
}

/** Two spellings of the same type ("A.B,C" and "A.B, C") compare equal; the type name is case-sensitive. */
export function sameModuleType(a: string, b: string): boolean {
  const left = splitTopLevel(a);
  const right = splitTopLevel(b);
  if (left.length !== right.length || left[0] !== right[0]) return false;
  return left
    .slice(1)
    .every(
      (part, i) =>
        part.replace(/\s*=\s*/g, '=').toLowerCase() === right[i + 1]?.replace(/\s*=\s*/g, '=').toLowerCase(),
    );
}
