// Placeholder until the HTTP/2 transport lands.
