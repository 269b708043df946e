// Placeholder until the registry service lands.
