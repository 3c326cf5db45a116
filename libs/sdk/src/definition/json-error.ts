/**
 * Where JSON text first goes wrong. V8's JSON.parse messages only sometimes carry a position
 * ("Unexpected token '}', ... is not valid JSON" has none), so this small scanner finds the offset
 * of the first syntax error itself. It only runs after JSON.parse has failed.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  // Explicit stack of containers: 'o' expects a key, 'O' a value after a key, 'a' a value; iterative so nesting cannot overflow.
  const stack: string[] = [];
  const scalar = (): boolean => {
    const rest = text.slice(i);
    const literal = /^(true|false|null)/.exec(rest) ?? /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (literal) {
      i += literal[0].length;
      return true;
    }
    if (text[i] === '"') return string();
    return false;
  };
  const string = (): boolean => {
    // eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings
    const match = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(i));
    if (!match) {
      // Advance to the offending character inside the string.
      i++;
      while (i < text.length && text[i] !== '"' && text.charCodeAt(i) >= 0x20) i += text[i] === '\\' ? 2 : 1;
      return false;
    }
    i += match[0].length;
    return true;
  };
  const value = (): boolean => {
    ws();
    if (text[i] === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return true;
      }
      stack.push('o');
      return true;
    }
    if (text[i] === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return true;
      }
      stack.push('a');
      return true;
    }
    return scalar();
  };
  if (!value()) return i;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    ws();
    if (top === 'o') {
      if (text[i] !== '"' || !string()) return i;
      ws();
      if (text[i] !== ':') return i;
      i++;
      stack[stack.length - 1] = 'O';
      const depth = stack.length;
      if (!value()) return i;
      if (stack.length > depth) continue;
    } else if (top === 'a') {
      stack[stack.length - 1] = 'A';
      const depth = stack.length;
      if (!value()) return i;
      if (stack.length > depth) continue;
    } else {
      // After a member/element: ',' or the closing bracket.
      ws();
      const close = top === 'O' ? '}' : ']';
      if (text[i] === ',') {
        i++;
        stack[stack.length - 1] = top === 'O' ? 'o' : 'a';
        continue;
      }
      if (text[i] !== close) return i;
      i++;
      stack.pop();
      continue;
    }
  }
  ws();
  return i;
}
