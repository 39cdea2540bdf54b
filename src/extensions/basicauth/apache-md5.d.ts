// apache-md5 ships no types: its one export hashes a password with the salt (and magic, $apr1$ or $1$) of a hash.
declare module 'apache-md5' {
  export default function apacheMd5(password: string, salt?: string): string;
}
