// Placeholder until the interop service lands.
