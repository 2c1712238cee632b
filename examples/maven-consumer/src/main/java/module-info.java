/** A modular application using continuum: it needs nothing but {@code requires dev.continuum}. */
module dev.continuum.example {
  requires dev.continuum;
  exports example;
}
