/**
 * voicebot-simulator: {@code ./callcenter simulate}: places realistic calls against call-ingest's VoiceBot API at a
 * given rate, as the telephony backend would.
 */
package io.callcenter.simulator;
