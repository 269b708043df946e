// Placeholder until the service kit lands.
