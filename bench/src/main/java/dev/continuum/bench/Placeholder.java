package dev.continuum.bench;
final class Placeholder {}
